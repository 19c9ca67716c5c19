"""Benchmark of the audience Q&A's live updates: 300 attendees polling every 5 seconds and 30 voting, against
gunicorn (2 workers) on PostgreSQL and the Redis cache, for a minute.

    .venv/bin/python bench/qa_polling.py [--seconds 60] [--attendees 300] [--voters 30] [--database-url URL]

Creates (once) its own PostgreSQL database (default: portal_bench_qa), migrates it and adds the approved
stakeholders it needs; each run makes a new event with one session open to questions (shown without a
moderator) and 20 questions, and registers the stakeholders for it. They are signed in without the sign-in
form: a session row each, as `django.contrib.auth.login` stores it, and a CSRF cookie.
gunicorn then serves the portal with the production settings (`portal.settings.base`, DEBUG off, the Redis
cache at CACHE_URL, behind a TLS proxy as far as Django can tell: `X-Forwarded-Proto: https`), and threads of
this process play the attendees (each polls, sending `If-None-Match`) and the voters (each votes on
questions it has not voted on, and now and then asks one).
It prints the poll's latency and share of 304s, errors, the votes counted against the votes sent and the
database's count, the load average, and the queries one poll makes. See bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import database  # bench/database.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_qa"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/4"
USERNAME = "qa-bench-{}"
STARTING_QUESTIONS = 20
WORKERS = 2
WARM_UP_REQUESTS = 20


# --- The database: people, an event, a session, questions ---------------------------------------------

def stakeholders(count: int) -> list:
    """`count` approved stakeholders who agreed to the current privacy statement (made in bulk, once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from portal.initiative.models import Country
    from portal.stakeholders.models import Consent, PrivacyStatement, StakeholderProfile
    from portal.stakeholders.services import APPROVED_STAKEHOLDERS

    User = get_user_model()
    names = [USERNAME.format(index) for index in range(count)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    missing = [name for name in names if name not in existing]
    if missing:
        password = make_password(None)
        new = User.objects.bulk_create([
            User(username=name, email=f"{name}@example.org", first_name="Attendee",
                 last_name=name.rsplit("-", 1)[1], password=password)
            for name in missing
        ])
        country = Country.objects.first()
        StakeholderProfile.objects.bulk_create([
            StakeholderProfile(user=user, organisation="Bench institute", country=country,
                               status=StakeholderProfile.Status.APPROVED)
            for user in new
        ])
        group = Group.objects.get(name=APPROVED_STAKEHOLDERS)
        User.groups.through.objects.bulk_create([User.groups.through(user=user, group=group) for user in new])
        statement = PrivacyStatement.current()
        if statement is not None:
            Consent.objects.bulk_create([
                Consent(user=user, purpose=Consent.Purpose.MEMBERSHIP, given=True,
                        source=Consent.Source.REGISTRATION, privacy_statement=statement,
                        text_version=statement.version)
                for user in new
            ])
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    return [users[name] for name in names]


def prepare(people: int):
    """The reference data and page tree the tests stand on (once), the people, and a new event today with
    one session open to questions, its starting questions, and everyone registered."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from cms.demo import create_demo_pages
    from cms.models import HomePage
    from portal.forum.models import Question, Registration
    from portal.initiative.loading import load_reference_data
    from tests.factories.forum import ForumEventPageFactory, SessionFactory

    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        load_reference_data()
        create_demo_pages()
    users = stakeholders(people)
    now = timezone.now()
    stamp = now.strftime("%Y%m%d-%H%M%S")
    event = ForumEventPageFactory(title=f"Q&A bench {stamp}", slug=f"qa-bench-{stamp}",
                                  starts_at=now - datetime.timedelta(hours=1),
                                  ends_at=now + datetime.timedelta(hours=5))
    session = SessionFactory(event=event, title="Audience questions", kind="panel",
                             starts_at=now - datetime.timedelta(minutes=10),
                             ends_at=now + datetime.timedelta(minutes=50),
                             questions_open=True, questions_moderated=False)
    Registration.objects.bulk_create([
        Registration(event=event, user=user, status=Registration.Status.REGISTERED) for user in users
    ])
    Question.objects.bulk_create([
        Question(session=session, author=users[index * 7 % len(users)], anonymous=index % 4 == 0,
                 text=f"Starting question {index}: how will the genomes of this cohort be shared?",
                 state=Question.State.SHOWN)
        for index in range(STARTING_QUESTIONS)
    ])
    return session, users


def sign_in(users) -> dict[int, tuple[str, str]]:
    """A session for each person, as `django.contrib.auth.login` (and a first page view) leaves it, and a
    CSRF secret (the cookie's value, which the header may repeat): {user id: (session key, CSRF secret)}."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    from portal.stakeholders.middleware import SESSION_KEY as PRIVACY_AGREED
    from portal.stakeholders.models import PrivacyStatement

    statement = PrivacyStatement.current()
    signed_in = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if statement is not None:
            store[PRIVACY_AGREED] = statement.pk
        store.create()
        signed_in[user.pk] = (store.session_key, get_random_string(32))
    return signed_in


# --- gunicorn --------------------------------------------------------------------------------------------

def start_gunicorn(port: int, env: dict, log) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [str(gunicorn), "portal.wsgi:application", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--graceful-timeout", "20", "--no-control-socket"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_gunicorn(server: subprocess.Popen) -> None:
    """SIGTERM to the master: it lets its workers finish their requests, then exits."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def worker_pids(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, all) CPU seconds of the machine's cores since boot (Linux: /proc/stat)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    total = sum(fields[:8])  # guest time is counted in user time already
    return (total - idle) / os.sysconf("SC_CLK_TCK"), total / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return sum(int(value) for value in fields[11:13]) / os.sysconf("SC_CLK_TCK")


# --- The simulated people --------------------------------------------------------------------------------

class Client:
    """One person's browser: one connection (opened again when the server closes it), their cookies."""

    def __init__(self, port: int, session_key: str, csrf: str):
        self.port, self.csrf = port, csrf
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
            # What the TLS proxy in front of the portal tells it; Django then wants an Origin on POSTs.
            "X-Forwarded-Proto": "https",
            "User-Agent": "qa-bench",
        }

    def request(self, method: str, path: str, headers=None, body: bytes | None = None):
        """(status, headers, body, seconds), or (an error's name, None, None, seconds)."""
        headers = {**self.headers, **(headers or {})}
        if method == "POST":
            headers.update({"Origin": f"https://127.0.0.1:{self.port}", "X-CSRFToken": self.csrf,
                            "Content-Type": "application/x-www-form-urlencoded"})
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return type(error).__name__, None, None, time.perf_counter() - started
        return response.status, response, data, time.perf_counter() - started

    def close(self):
        self.connection.close()


class Run:
    """What the threads record, and the question ids they have seen (the voters' choice)."""

    def __init__(self, question_ids):
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.polls = []  # (status, seconds, lag, sent at)
        self.votes = []  # (status, seconds, counted, sent at)
        self.asks = []  # (status, seconds)
        self.question_ids = set(question_ids)
        self.asked = 0

    def learn(self, data: bytes) -> None:
        """The questions of a poll's answer that take votes (shown, pinned or not)."""
        try:
            sections = json.loads(data)["sections"]
            rows = sections["pinned"] + sections["asked"]
            ids = {row["id"] for row in rows if row["state"] == "shown"}
        except (ValueError, KeyError, TypeError):
            return
        with self.lock:
            self.question_ids |= ids


def attendee(run: Run, client: Client, path: str, start: float, interval: float, deadline: float) -> None:
    """Polls every `interval` seconds from `start`, on a fixed schedule (a slow answer does not delay the
    next poll beyond its time), with the last ETag."""
    etag, planned = None, start
    while planned < deadline:
        pause = planned - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        sent = time.monotonic()
        lag = sent - planned
        headers = {"Accept": "application/json"}
        if etag:
            headers["If-None-Match"] = etag
        status, response, data, seconds = client.request("GET", path, headers)
        if status == 200:
            etag = response.getheader("ETag")
            run.learn(data)
        with run.lock:
            run.polls.append((status, seconds, lag, sent))
        planned += interval
    client.close()


def voter(run: Run, client: Client, session_path: str, start: float, every: float, ask_share: float,
          deadline: float, seed: int) -> None:
    """From `start`, now and then (every `every` seconds on average) votes for a question it has not voted
    for, or asks one (`ask_share` of the time, and when it has voted for every question it knows)."""
    rng = random.Random(seed)
    voted = set()
    moment = start
    while moment < deadline:
        time.sleep(max(0.0, moment - time.monotonic()))
        moment += rng.uniform(0.5, 1.5) * every
        with run.lock:
            choices = sorted(run.question_ids - voted)
        if choices and rng.random() >= ask_share:
            question = rng.choice(choices)
            sent = time.monotonic()
            status, _, data, seconds = client.request("POST", f"/forum/questions/{question}/vote",
                                                      {"Accept": "application/json"}, b"")
            counted = None
            if status == 200:
                voted.add(question)
                try:
                    counted = bool(json.loads(data)["counted"])
                except (ValueError, KeyError, TypeError):
                    counted = None
            with run.lock:
                run.votes.append((status, seconds, counted, sent))
        else:
            with run.lock:
                run.asked += 1
                number = run.asked
            body = urlencode({"text": f"Bench question {number}: what happens to the data after the "
                                      f"project ends?", **({"anonymous": "on"} if number % 3 == 0 else {})})
            status, _, _, seconds = client.request("POST", session_path, body=body.encode())
            with run.lock:
                run.asks.append((status, seconds))
    client.close()


def drive(run: Run, port: int, signed_in, attendees, voters, paths: tuple[str, str], args) -> float:
    """The attendees and voters, a thread each, from a second from now for `args.seconds`; the time taken."""
    poll_path, session_path = paths
    start = run.started = time.monotonic() + 1
    deadline = start + args.seconds
    threads = [
        threading.Thread(target=attendee, daemon=True, args=(
            run, Client(port, *signed_in[user.pk]), poll_path,
            start + index * args.poll_every / len(attendees), args.poll_every, deadline))
        for index, user in enumerate(attendees)
    ] + [
        threading.Thread(target=voter, daemon=True, args=(
            run, Client(port, *signed_in[user.pk]), session_path,
            start + index * args.vote_every / len(voters), args.vote_every, args.ask_share, deadline, index))
        for index, user in enumerate(voters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + 35))
    return time.monotonic() - start


class Machine:
    """The load average before, during (every 5 s) and after the run, and the CPU time gunicorn's workers and
    this process spent in it."""

    def __init__(self, workers: list[int]):
        self.workers, self.samples, self.stop = workers, [], threading.Event()
        self.sampler = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        while not self.stop.wait(5):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self):
        self.before = os.getloadavg()
        self.cpu = {pid: -cpu_seconds(pid) for pid in self.workers}
        self.own_cpu = -time.process_time()
        self.cores = machine_cpu_seconds()
        self.sampler.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.sampler.join()
        self.cpu = {pid: spent + cpu_seconds(pid) for pid, spent in self.cpu.items()}
        self.own_cpu += time.process_time()
        busy, available = machine_cpu_seconds()
        self.cores = (busy - self.cores[0], available - self.cores[1])


# --- Figures ---------------------------------------------------------------------------------------------

def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def latencies(label: str, values) -> None:
    if not values:
        print(f"  {label}: none")
        return
    print(f"  {label}: p50 {ms(percentile(values, 0.50))}, p95 {ms(percentile(values, 0.95))}, "
          f"p99 {ms(percentile(values, 0.99))}, max {ms(max(values))} ({len(values)})")


def by_status(rows) -> str:
    counts = collections.Counter(row[0] for row in rows)
    return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str))


def report_polls(polls, elapsed: float) -> None:
    print(f"\n{len(polls)} polls in {elapsed:.1f} s ({len(polls) / elapsed:.1f} a second): "
          f"{by_status(polls)}")
    if not polls:
        return
    latencies("poll latency, all answers",
              [seconds for status, seconds, *_ in polls if isinstance(status, int)])
    latencies("  of which 200", [seconds for status, seconds, *_ in polls if status == 200])
    latencies("  of which 304", [seconds for status, seconds, *_ in polls if status == 304])
    print(f"  share of 304: {sum(1 for status, *_ in polls if status == 304) / len(polls):.1%}")
    lags = [row[2] for row in polls]
    print(f"  this client's own lag behind the schedule: p50 {ms(percentile(lags, 0.5))}, "
          f"p99 {ms(percentile(lags, 0.99))}, max {ms(max(lags))}")
    print(f"  errors by status: {by_status([row for row in polls if row[0] not in (200, 304)]) or 'none'}")


def report_over_time(run: Run, every: float = 10) -> None:
    """Polls and votes by when they were sent: a slow stretch (another process writing to the disk, say)
    shows apart from the rest."""
    print(f"by {every:g} s of the run (sent in it: polls p50 / p99 / max; votes max):")
    windows = collections.defaultdict(lambda: ([], []))
    for row in run.polls:
        windows[int((row[3] - run.started) // every)][0].append(row[1])
    for row in run.votes:
        windows[int((row[3] - run.started) // every)][1].append(row[1])
    for window, (polls, votes) in sorted(windows.items()):
        line = f"  {window * every:4.0f} s: {len(polls)} polls"
        if polls:
            line += f" {ms(percentile(polls, 0.5))} / {ms(percentile(polls, 0.99))} / {ms(max(polls))}"
        print(line + (f"; {len(votes)} votes, max {ms(max(votes))}" if votes else ""))


def report_votes(run: Run, session) -> None:
    votes = run.votes
    counted = sum(1 for row in votes if row[2])
    print(f"\n{len(votes)} votes sent: {by_status(votes) or 'none'}; "
          f"counted: {counted}, not counted: {sum(1 for row in votes if row[2] is False)}")
    latencies("vote latency", [seconds for status, seconds, *_ in votes if isinstance(status, int)])
    print(f"{len(run.asks)} questions asked: {by_status(run.asks) or 'none'}")
    latencies("ask latency", [seconds for status, seconds in run.asks if isinstance(status, int)])
    total, rows, questions = database_votes(session)
    verdict = "no vote lost" if total == rows == counted else "MISMATCH"
    print(f"in the database: {questions} questions, sum of Question.votes {total}, Vote rows {rows}: "
          f"{verdict}")


def report_machine(machine: Machine, load_after, requests: int) -> None:
    print(f"\nload average (1 minute) before: {machine.before[0]:.2f}; during, every 5 s: "
          f"{', '.join(f'{value:.2f}' for value in machine.samples)}; after: {load_after[0]:.2f}")
    served = sum(machine.cpu.values())
    print("CPU seconds of each gunicorn worker during the run:",
          ", ".join(f"{spent:.1f}" for spent in machine.cpu.values()),
          f"({ms(served / max(1, requests))} a request); of this client: {machine.own_cpu:.1f}")
    busy, available = machine.cores
    print(f"the machine's cores were busy {busy:.0f} of {available:.0f} CPU seconds; besides gunicorn and "
          f"this client (PostgreSQL, Redis, anything else running): {busy - served - machine.own_cpu:.0f}")


def session_writes() -> int:
    """Rows of django_session inserted, updated or deleted so far (PostgreSQL's statistics)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
                       "WHERE relname = 'django_session'")
        return cursor.fetchone()[0]


def database_votes(session) -> tuple[int, int, int]:
    from django.db.models import Sum

    from portal.forum.models import Question, Vote

    questions = Question.objects.filter(session=session)
    return (questions.aggregate(total=Sum("votes"))["total"] or 0,
            Vote.objects.filter(question__session=session).count(), questions.count())


def in_process(session, signed_in, attendees, voter_user, profile: bool) -> None:
    """The queries one poll makes in this process (same database and cache): an attendee's poll without an
    ETag once another attendee's poll has cached the shared part, the same poll with its ETag, and a vote;
    then the time of each kind of poll, alone (and with `profile`, where it goes)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from portal.forum.models import Question, Vote

    def client_of(user):
        client = TestClient()
        session_key, csrf = signed_in[user.pk]
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        client.cookies[settings.CSRF_COOKIE_NAME] = csrf
        return client, csrf

    def show(label, captured, response):
        print(f"  {label}: {response.status_code}, {len(captured.captured_queries)} queries")
        for query in captured.captured_queries:
            print(f"    {' '.join(query['sql'].split())[:150]}")

    path = f"/forum/sessions/{session.pk}/questions/poll"
    client_of(attendees[0])[0].get(path, HTTP_ACCEPT="application/json")
    client, _ = client_of(attendees[-1])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_ACCEPT="application/json")
    show("poll without ETag", captured, response)
    kinds = {"200": {}}
    if response.has_header("ETag"):
        kinds["304"] = {"HTTP_IF_NONE_MATCH": response["ETag"]}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_ACCEPT="application/json", **kinds["304"])
        show("poll with its ETag", captured, response)
    question = Question.objects.filter(session=session, state=Question.State.SHOWN).exclude(
        pk__in=Vote.objects.filter(voter=voter_user).values("question")).first()
    if question is not None:
        voting, csrf = client_of(voter_user)
        with CaptureQueriesContext(connection) as captured:
            response = voting.post(f"/forum/questions/{question.pk}/vote", HTTP_ACCEPT="application/json",
                                   HTTP_X_CSRFTOKEN=csrf)
        show("vote", captured, response)
    kinds["304"] = {"HTTP_IF_NONE_MATCH": client.get(path).get("ETag")}  # the vote moved the version
    polls = {kind: partial(client.get, path, HTTP_ACCEPT="application/json", **headers)
             for kind, headers in kinds.items()}
    for poll in polls.values():
        wall, cpu = time_polls(poll)
        print(f"  a poll answered {poll().status_code}, one at a time: {ms(wall)}, of which {ms(cpu)} CPU")
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(time_polls, polls["304"])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def time_polls(poll, count: int = 300) -> tuple[float, float]:
    """Wall and CPU time of one poll, on average over `count` after 20 to warm up."""
    for _ in range(20):
        poll()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        poll()
    return (time.perf_counter() - wall) / count, (time.process_time() - cpu) / count


# --- The run ---------------------------------------------------------------------------------------------

def wait_until_served(server: subprocess.Popen, client: Client, path: str) -> int:
    """Waits for gunicorn to answer, then sends a few polls so that both workers have loaded the portal."""
    deadline = time.monotonic() + 90
    while True:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        status, *_ = client.request("GET", path, {"Accept": "application/json"})
        if isinstance(status, int):
            break
        if time.monotonic() > deadline:
            raise SystemExit("gunicorn did not answer within 90 s")
        time.sleep(0.2)
    for _ in range(WARM_UP_REQUESTS):
        status, *_ = client.request("GET", path, {"Accept": "application/json"})
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--attendees", type=int, default=300, help="people polling")
    parser.add_argument("--voters", type=int, default=30, help="other people, voting and asking")
    parser.add_argument("--poll-every", type=float, default=5, help="seconds between an attendee's polls")
    parser.add_argument("--vote-every", type=float, default=10,
                        help="seconds between a voter's votes (on average)")
    parser.add_argument("--ask-share", type=float, default=0.1, help="share of a voter's turns spent asking")
    parser.add_argument("--profile", action="store_true", help="where a poll's time goes (cProfile)")
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_QA_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_QA_CACHE_URL", DEFAULT_CACHE_URL))
    args = parser.parse_args()

    # gunicorn and this process share the secret key: it signs the sessions made here.
    secret_key = secrets.token_urlsafe(50)
    os.environ.update({"DJANGO_SECRET_KEY": secret_key, "CACHE_URL": args.cache_url})
    database.create_database(args.database_url)
    database.setup_django(args.database_url)
    from django.core.cache import cache

    session, users = prepare(args.attendees + args.voters)
    signed_in = sign_in(users)
    cache.clear()  # the Redis database of this benchmark: no cached poll nor rate limit from an earlier run
    attendees, voters = users[:args.attendees], users[args.attendees:]
    poll_path = f"/forum/sessions/{session.pk}/questions/poll"
    session_path = f"/forum/sessions/{session.pk}/questions/"
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores")
    print(f"session {session.pk}: {STARTING_QUESTIONS} questions, {len(users)} attendees registered and "
          f"signed in; {args.attendees} polling every {args.poll_every:g} s, {args.voters} voting every "
          f"{args.vote_every:g} s on average (asking {args.ask_share:.0%} of the time)")

    from tests.services import free_port

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="qa-bench-") as scratch:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DJANGO_DEBUG": "false",
               "DATABASE_URL": args.database_url, "CACHE_URL": args.cache_url,
               "CELERY_BROKER_URL": args.cache_url, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
               "STATIC_ROOT": f"{scratch}/static", "MEDIA_ROOT": f"{scratch}/media", "LOG_LEVEL": "WARNING"}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env=env, cwd=ROOT,
                       check=True)
        log_path = Path(scratch) / "gunicorn.log"
        with open(log_path, "wb") as log:
            server = start_gunicorn(port, env, log)
        try:
            first = Client(port, *signed_in[attendees[0].pk])
            status = wait_until_served(server, first, poll_path)
            first.close()
            print(f"gunicorn ({WORKERS} workers) on port {port}; a poll after the warm-up answered {status}")
            writes_before = session_writes()
            run = Run(question_ids=session.questions.values_list("pk", flat=True))
            with Machine(worker_pids(server.pid)) as machine:
                print(f"load average before: {', '.join(f'{value:.2f}' for value in machine.before)}")
                elapsed = drive(run, port, signed_in, attendees, voters, (poll_path, session_path), args)
        finally:
            stop_gunicorn(server)
        load_after = os.getloadavg()
        log_text = log_path.read_text(errors="replace")

    time.sleep(1)  # the server's database connections report their statistics as they close
    report_polls(run.polls, elapsed)
    report_over_time(run)
    report_votes(run, session)
    print(f"django_session rows written during the run: {session_writes() - writes_before}")
    report_machine(machine, load_after, len(run.polls) + len(run.votes) + len(run.asks))
    problems = [line for line in log_text.splitlines() if "Traceback" in line or "ERROR" in line]
    if problems:
        print(f"gunicorn's log had {len(problems)} errors; its end:")
        print("\n".join(log_text.splitlines()[-30:]))
    print("\nqueries in this process (same database and cache):")
    in_process(session, signed_in, attendees, voters[0] if voters else attendees[0], args.profile)
    cache.clear()
    from django.contrib.sessions.models import Session as SignedIn

    SignedIn.objects.filter(session_key__in=[key for key, _csrf in signed_in.values()]).delete()


if __name__ == "__main__":
    main()
