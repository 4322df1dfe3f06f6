"""The platform's XML: ``<xml><ToUserName><![CDATA[…]]></ToUserName>…</xml>``, read and written.

Reading goes through ``defusedxml`` with every declaration forbidden: a push never needs a DTD,
so one (and with it every entity, external or not — XXE, "billion laughs") is refused before
anything is expanded. The push's size is capped before it gets here (``service``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

# An element's text, or its child elements by tag (a tag given more than once: a list).
XmlValue = str | dict[str, Any] | list[Any]


class XmlRefused(Exception):
    """The body is not the platform's XML; the message says what is wrong with it."""


def _value(element: Element) -> XmlValue:
    children = list(element)
    if not children:
        return element.text or ""
    fields: dict[str, Any] = {}
    for child in children:
        value = _value(child)
        if child.tag in fields:
            before = fields[child.tag]
            fields[child.tag] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            fields[child.tag] = value
    return fields


def parse_xml(body: bytes) -> dict[str, Any]:
    """The fields of an ``<xml>`` document: each child's text, or its own fields when it has
    children (``PublishEventInfo``). ``XmlRefused`` for anything else."""
    try:
        root = fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XmlRefused(
            "the body declares a DTD or entities, which WeChat never sends and MediaOps refuses"
        ) from exc
    except ParseError as exc:
        raise XmlRefused(f"the body is not well-formed XML ({exc})") from exc
    if root.tag != "xml":
        raise XmlRefused(f"the root element is <{root.tag}>, not <xml>")
    value = _value(root)
    return value if isinstance(value, dict) else {}


def _cdata(text: str) -> str:
    # "]]>" cannot stand inside one CDATA section: it is split across two.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _element(tag: str, value: Any) -> str:
    if isinstance(value, Mapping):
        return f"<{tag}>" + "".join(_element(k, v) for k, v in value.items()) + f"</{tag}>"
    if isinstance(value, list):
        return "".join(_element(tag, item) for item in value)
    if isinstance(value, bool):
        raise TypeError(f"{tag}: the platform's XML has no booleans")
    if isinstance(value, int):
        return f"<{tag}>{value}</{tag}>"
    return f"<{tag}>{_cdata(str(value))}</{tag}>"


def build_xml(fields: Mapping[str, Any]) -> bytes:
    """``fields`` as the platform writes them: text in CDATA, integers bare, mappings nested,
    lists as repeated elements."""
    return ("<xml>" + "".join(_element(k, v) for k, v in fields.items()) + "</xml>").encode()
