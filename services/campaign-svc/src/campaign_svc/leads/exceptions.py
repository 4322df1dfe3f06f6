from servicekit.errors import Forbidden


class PiiScopeRequired(Forbidden):
    def __init__(self) -> None:
        super().__init__("Unmasked contact details need the `leads:pii` scope.")
