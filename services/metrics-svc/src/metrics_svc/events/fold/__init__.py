"""The fold: acknowledged events move from the inbox into the partitioned event table and the
hourly rollups, in large chunks, one folder at a time.

Two callers, one lock. A background loop in every replica folds whatever is pending every
``fold_interval_s`` (skipping a round when another replica holds the lock), once ingestion
leaves it room (``loop.py``, ``gate.py``). Every read that answers from events or rollups first
folds, in a short transaction of its own committed before the read goes on, the events
received before it began (``dependencies.py``), so an answer always counts every event
acknowledged before the read began: numbers are exact the moment a batch is acknowledged, as
when the rollups were updated by the ingest itself.

What one fold does is ``statements.py``: named parts, each tested on its own, sent to
PostgreSQL as one statement; ``repository.py`` runs them.
"""
