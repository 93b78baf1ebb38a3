"""Remote sources: the official services Kamerstukken, their listings and the toezeggingen come from.

client.py                 the polite HTTP client with its cache of raw responses
officielebekendmakingen.py  Kamerstuk bodies and metadata.xml; dossier listings by KOOP SRU 2.0
tweedekamer.py            the Tweede Kamer's open data (OData v4): Document listings, Toezegging
"""
