"""Pure model functions, one module per model: no I/O, no charts."""
