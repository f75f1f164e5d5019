"""Conference routes (seed 004, View Conference, List Conferences, View Participant, List
Participants, Mute / Deaf Participant, Play Audio to Participant, Hangup Participant)."""
from __future__ import annotations

from .api import Call, Router, form, query

CONFERENCE, PARTICIPANT = "Conference", "Participant"
ITEM = "/Conferences/<sid:conference_sid>"
MEMBER = f"{ITEM}/Participants/<sid:participant_sid>"
UPDATE_PARAMS = ("Muted", "Deaf")
PLAY_PARAMS = ("AudioUrl",)


def every_value(name: str) -> list[str]:
    """Every value of a parameter that may repeat (``AudioUrl``), from the query and the
    form body, its name matched without regard to case."""
    return [value for source in (query(), form())
            for key, value in source.items(multi=True) if key.lower() == name.lower()]


def register(api: Router) -> None:
    """Add the conference and participant routes."""
    backend = api.backend

    @api.route("/Conferences", ["GET"])
    def list_conferences(call: Call):
        """GET /Conferences with FriendlyName, Status, DateCreated, DateUpdated, Page,
        PageSize."""
        return call.page(backend.list_conferences(call.account_sid, call.args, call.window()),
                         "conferences", CONFERENCE)

    @api.route(ITEM, ["GET"])
    def view_conference(call: Call, conference_sid: str):
        """GET /Conferences/{ConferenceSid}."""
        return call.one(backend.view_conference(call.account_sid, conference_sid), CONFERENCE)

    @api.route(f"{ITEM}/Participants", ["GET"])
    def list_participants(call: Call, conference_sid: str):
        """GET /Conferences/{ConferenceSid}/Participants with Muted, Deaf, Page, PageSize."""
        return call.page(backend.list_participants(call.account_sid, conference_sid,
                                                   call.args, call.window()),
                         "participants", PARTICIPANT)

    @api.route(MEMBER, ["GET"])
    def view_participant(call: Call, conference_sid: str, participant_sid: str):
        """GET /Conferences/{ConferenceSid}/Participants/{ParticipantSid}."""
        return call.one(backend.view_participant(call.account_sid, conference_sid,
                                                 participant_sid), PARTICIPANT)

    @api.route(MEMBER, ["POST"])
    def update_participant(call: Call, conference_sid: str, participant_sid: str):
        """POST /Conferences/{ConferenceSid}/Participants/{ParticipantSid} with Muted, Deaf."""
        return call.one(backend.update_participant(call.account_sid, conference_sid,
                                                   participant_sid,
                                                   call.params(UPDATE_PARAMS)), PARTICIPANT)

    @api.route(MEMBER, ["DELETE"])
    def hangup_participant(call: Call, conference_sid: str, participant_sid: str):
        """DELETE /Conferences/{ConferenceSid}/Participants/{ParticipantSid}."""
        return call.one(backend.hangup_participant(call.account_sid, conference_sid,
                                                   participant_sid), PARTICIPANT)

    @api.route(f"{MEMBER}/Play", ["POST"])
    def play_to_participant(call: Call, conference_sid: str, participant_sid: str):
        """POST .../Participants/{ParticipantSid}/Play with one or more AudioUrl."""
        call.params(PLAY_PARAMS)
        return call.one(backend.play_to_participant(call.account_sid, conference_sid,
                                                    participant_sid, every_value("AudioUrl")),
                        PARTICIPANT)
