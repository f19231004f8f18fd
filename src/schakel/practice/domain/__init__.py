"""Pure rules of the practice registers: time windows, figures and reading CSV files."""
