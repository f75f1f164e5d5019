"""Recording and transcription routes (seed 004, List/View/Delete Recording, Record Live
Call, View/List Transcriptions, Transcribe Recording, Transcribe Audio Url), and the
recordings' audio files at ``/recordings/{AccountSid}/{RecordingSid}.{mp3|wav}``: a plain
route under the mount, without credentials, as a ``recording_url`` is fetched by players."""
from __future__ import annotations

from flask import Response

from ..audio import silent_audio
from ..errors import NotFound
from ..live_recording import RECORD_PARAMS
from ..transcriptions import AUDIO_URL_PARAMS, TRANSCRIBE_PARAMS
from ..wire import CSV, JSON, TXT, XML, resource_document
from .api import Call, Router

RECORDING, TRANSCRIPTION, CALL = "Recording", "Transcription", "Call"
ITEM = "/Recordings/<sid:recording_sid>"


def register(api: Router) -> None:
    """Add the recording and transcription routes, and the audio files' route."""
    backend = api.backend

    @api.route("/Recordings", ["GET"])
    def list_recordings(call: Call):
        """GET /Recordings with CallSid, DateCreated, Page, PageSize."""
        return call.page(backend.list_recordings(call.account_sid, call.args, call.window()),
                         "recordings", RECORDING)

    @api.route(ITEM, ["GET"])
    def view_recording(call: Call, recording_sid: str):
        """GET /Recordings/{RecordingSid}."""
        return call.one(backend.view_recording(call.account_sid, recording_sid), RECORDING)

    @api.route(ITEM, ["DELETE"])
    def delete_recording(call: Call, recording_sid: str):
        """DELETE /Recordings/{RecordingSid}: answers with the deleted resource."""
        return call.one(backend.delete_recording(call.account_sid, recording_sid), RECORDING)

    @api.route("/Calls/<sid:call_sid>/Recordings", ["GET"])
    def list_call_recordings(call: Call, call_sid: str):
        """GET /Calls/{CallSid}/Recordings: the call's recordings."""
        return call.page(backend.list_recordings(call.account_sid, call.args, call.window(),
                                                 call_sid=call_sid), "recordings", RECORDING)

    @api.route("/Calls/<sid:call_sid>/Recordings", ["POST"])
    def record_call(call: Call, call_sid: str):
        """POST /Calls/{CallSid}/Recordings with Record and the documented options:
        answers with the call."""
        return call.one(backend.record_call(call.account_sid, call_sid,
                                            call.params(RECORD_PARAMS)), CALL)

    register_transcriptions(api)

    @api.bp.get("/recordings/<account_sid>/<recording_sid>.<extension>")
    def recording_file(account_sid: str, recording_sid: str, extension: str):
        """GET a recording's audio file (no credentials); 21227 (404) when it is not
        there."""
        file_format, seconds = backend.recording_media(account_sid, recording_sid,
                                                       extension)
        body, content_type = silent_audio(file_format, seconds)
        return Response(body, content_type=content_type)


def register_transcriptions(api: Router) -> None:
    """Add the transcription routes."""
    backend = api.backend

    @api.route("/Transcriptions", ["GET"])
    def list_transcriptions(call: Call):
        """GET /Transcriptions with Status, DateTranscribed, Page, PageSize."""
        return call.page(backend.list_transcriptions(call.account_sid, call.args,
                                                     call.window()),
                         "transcriptions", TRANSCRIPTION)

    @api.route("/Transcriptions", ["POST"])
    def transcribe_audio_url(call: Call):
        """POST /Transcriptions with AudioUrl, TranscribeCallback, CallbackMethod,
        SliceStart, SliceDuration, Quality."""
        return call.one(backend.transcribe_audio_url(call.account_sid,
                                                     call.params(AUDIO_URL_PARAMS)),
                        TRANSCRIPTION)

    @api.route("/Transcriptions/<sid:transcription_sid>", ["GET"],
               formats=(XML, JSON, CSV, TXT))
    def view_transcription(call: Call, transcription_sid: str):
        """GET /Transcriptions/{TranscriptionSid}; ``.txt``: the text alone."""
        found = backend.view_transcription(call.account_sid, transcription_sid)
        if call.format == TXT:
            return resource_document({"text": found["transcription_text"]}, TXT, "")
        return call.one(found, TRANSCRIPTION)

    def list_of_recording(call: Call, recording_sid: str):
        """GET /Recordings/{RecordingSid}/Transcriptions (also, as the seed writes it,
        /{RecordingSid}/Transcriptions)."""
        if not recording_sid.startswith("RE"):
            raise NotFound("recording", recording_sid)
        return call.page(backend.list_transcriptions(call.account_sid, call.args,
                                                     call.window(),
                                                     recording_sid=recording_sid),
                         "transcriptions", TRANSCRIPTION)

    api.route(f"{ITEM}/Transcriptions", ["GET"])(list_of_recording)
    api.route("/<sid:recording_sid>/Transcriptions", ["GET"])(list_of_recording)

    @api.route(f"{ITEM}/Transcriptions", ["POST"])
    def transcribe_recording(call: Call, recording_sid: str):
        """POST /Recordings/{RecordingSid}/Transcriptions with TranscribeCallback,
        CallbackMethod, SliceStart, SliceDuration, Quality."""
        return call.one(backend.transcribe_recording(call.account_sid, recording_sid,
                                                     call.params(TRANSCRIBE_PARAMS)),
                        TRANSCRIPTION)
