"""The InboundXML engine of the Avaya mount: a call (or an inbound SMS) fetches its
application's InboundXML document, and the engine runs it element by element on the mock
clock (seed 004 names InboundXML; its elements and attributes are those the provider's
SDKs build: zang-python's ``zang/inboundxml/elements``; its errors are the 11xxx, 12xxx
and 13xxx rows of the seed's error table).

- document.py: parsing a fetched document into elements, with the document errors;
- attributes.py: reading and checking an element's attributes, each with its own code;
- outcome.py: what running an element leads to (go on, fetch, hang up, wait);
- verbs.py: the verbs and their timings; further verbs register themselves in ``VERBS``;
- engine.py: the mixin that fetches, runs, continues and ends documents.
"""
