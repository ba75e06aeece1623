"""One controller a resource; each reads the store through injected dependencies."""
