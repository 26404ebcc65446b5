"""Where signed documents are kept: outside MEDIA_ROOT, with no public URL.

A signed PDF is read only through `documents:signed_file`, which checks the
reader's scope first; a web server that serves MEDIA_ROOT never sees these
files, and the storage has no URL to leak into a page.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        # Tests point PRIVATE_MEDIA_ROOT at a temporary folder.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        return ""


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
