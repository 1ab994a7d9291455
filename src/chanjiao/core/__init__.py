"""Pure analytics and domain rules: plain data and numpy arrays in and out, no Django."""
