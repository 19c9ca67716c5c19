"""The Stakeholder Forum: event records (pages, programme, materials) and registration with waiting lists."""
