"""Moving survey definitions in and out of the admin: the portal's JSON format and XLSForm."""
