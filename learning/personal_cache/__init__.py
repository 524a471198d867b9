"""What a person's own pages show, cached under their personal version.

`personal_value(name, user, build)` keeps `build()`'s result until something of that
person's changes (learning.models.PersonalVersion), any content changes (the content
version, learning.shared_cache) or the day turns (required learning falls due by the
day). Models register who a row belongs to (`registry.register`); saving or deleting a
row then moves those people's versions in the same transaction.
"""
