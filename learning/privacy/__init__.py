"""Data protection: what the hub holds about a person (subject access), how long it
keeps it (retention) and what erasing a person removes.

Like Moodle's privacy API, each part of the hub that holds personal data says so in one
place, learning.privacy.registry: an exporter that lists a person's records and, where
they hold free text, an eraser. Content apps register theirs from their AppConfig, so
learning imports none of them."""
