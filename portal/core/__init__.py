"""What every app of the portal shares: the personal-data registry, mail, validators, the page form, listings,
spreadsheet-safe cells, public contact forms and the accept/decline decision. It imports no app."""
