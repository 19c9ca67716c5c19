"""Results of surveys in the admin: per-question statistics and exports of responses."""
