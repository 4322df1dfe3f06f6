from pydantic import BaseModel, Field


class TimeSlot(BaseModel):
    weekday: int = Field(description="ISO weekday in tz: 1 = Monday … 7 = Sunday")
    hour: int = Field(description="Hour of day in tz, 0-23")
    exposures: int = Field(description="impression + view events")
    engagements: int = Field(description="click + like + favorite + comment + share events")
    engagement_rate: float = Field(description="engagements / exposures")


class BestTimes(BaseModel):
    channel_id: str
    tz: str
    days: int
    slots: list[TimeSlot]
