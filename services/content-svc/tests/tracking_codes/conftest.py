from ..publications.conftest import make_post

__all__ = ["make_post"]
