"""The built-in sample councils: a fictional borough's minutes, served as a ModernGov-shaped site,
and a second fictional council, Fenwick Vale, served as a CMIS-shaped site (``cmis_content``,
``cmis_site``: ``CmisSite``).

``build_council()`` gives the ground truth (committees, people, meetings, items, paragraphs with
their intended speakers, decisions); ``SampleSite`` serves it over HTTP on 127.0.0.1 so the real
crawler and parser can be run against it. Nothing here imports the rest of Minutes.
"""

from __future__ import annotations

from .cmis_site import CmisSite
from .content import build_council
from .model import AgendaItem, Attendance, Committee, Document, Meeting, Para, Person, SampleCouncil, SpeakerRef
from .server import SampleSite

__all__ = ["build_council", "SampleSite", "CmisSite", "SampleCouncil", "Committee", "Meeting", "AgendaItem",
           "Para", "Person", "SpeakerRef", "Attendance", "Document"]
