"""Reading and writing the user's files: decoding, discovery, atomic writes."""
