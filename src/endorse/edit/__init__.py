"""Every write: the locked, atomic store and one module per write command."""
