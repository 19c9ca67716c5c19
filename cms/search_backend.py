"""The search backend: Wagtail's database backend (PostgreSQL's full text search, SQLite's FTS5), with
the FTS5 query mended for double quotes.

modelsearch 1.3 writes each search term between double quotes for FTS5 but leaves a double quote inside
the term as it is, where FTS5 wants it written twice: a term such as `"` or `"word` ended the string early
and the database refused the whole query (a server error on /search/?q=%22, and in the admin's search
boxes). Reported upstream as wagtail/wagtail#13227; drop this once modelsearch escapes it."""

from functools import cache

from modelsearch.backends import database
from modelsearch.query import Phrase, PlainText


def _quotes_doubled(query):
    if isinstance(query, PlainText):
        return PlainText(query.query_string.replace('"', '""'), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace('"', '""'))
    return query


@cache
def _doubling_quotes(compiler_class):
    class Compiler(compiler_class):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(_quotes_doubled(query), config=config)

    Compiler.__name__ = compiler_class.__name__
    return Compiler


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    backend = database.SearchBackend(params)
    if database.USE_SQLITE_FTS:  # decided by the call above, and only ever true on SQLite
        backend.query_compiler_class = _doubling_quotes(backend.query_compiler_class)
        autocomplete = backend.autocomplete_query_compiler_class
        backend.autocomplete_query_compiler_class = _doubling_quotes(autocomplete)
    return backend
