"""The command language: tokens, natural dates, the parser and its parts, the commands it
produces and the usage lines every error shows."""
