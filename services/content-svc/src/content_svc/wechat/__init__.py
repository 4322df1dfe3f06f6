"""WeChat Official Account (微信公众号), both ways, by the platform's public protocol.

Inbound: the server-configuration callback (``router``): the ``GET`` echo and the ``POST``
pushes of messages and events, plain or in AES safe mode (``signature``, ``crypto``,
``xmlcodec``), handed to one adapter (``inbound.deliver``). Outbound: the platform's HTTP API
with a shared access-token cache (``client``, ``tokens``), the draft → publish publisher
(``publisher``) and the customer-service reply sender (``replies``). ``testserver`` is a local
server speaking the same protocol, for the tests and local development.
"""
