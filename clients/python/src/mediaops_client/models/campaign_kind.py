from enum import StrEnum


class CampaignKind(StrEnum):
    ANNIVERSARY = "anniversary"
    FLASH_SALE = "flash_sale"
    GROUP_BUY = "group_buy"
    HOLIDAY_PROMO = "holiday_promo"
    LEAD_MAGNET = "lead_magnet"
    OPEN_CLASS = "open_class"
    OTHER = "other"
    REFERRAL = "referral"

    def __str__(self) -> str:
        return str(self.value)
