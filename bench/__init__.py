"""``make bench``: how fast the pipeline finds and reads an appendix inside a committee pack."""
