from servicekit.errors import Unprocessable


class BadCalendarWindow(Unprocessable):
    pass
