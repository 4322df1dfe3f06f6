from servicekit.errors import Unprocessable


class BadCalendarWindow(Unprocessable):
    """The window is empty or reversed, longer than 93 days, or holds more than 5,000
    publications."""
