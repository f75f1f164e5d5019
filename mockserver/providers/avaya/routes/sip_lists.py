"""SIP credential list and IP access control list routes (seed 004, View/List/Create/Update/
Delete Credentials List and Credential, View/List/Create/Update/Delete IP ACL, View/List/
Add/Update/Delete ACL IP), under ``/SIP/CredentialLists`` and ``/SIP/IpAccessControlLists``.

Lists take ``Page`` and ``PageSize``. A refused request that carried a ``Password`` is
logged as a Notification with the password masked (routes/api.py): a password is never
answered.
"""
from __future__ import annotations

from ..sip_acls import ACL_PARAMS, ADDRESS_PARAMS
from ..sip_credentials import CREATE_PARAMS, LIST_PARAMS, UPDATE_PARAMS
from .api import Call, Router

CL = "/SIP/CredentialLists"
CL_ITEM = f"{CL}/<sid:cl_sid>"
SC = f"{CL_ITEM}/Credentials"
SC_ITEM = f"{SC}/<sid:credential_sid>"
AL = "/SIP/IpAccessControlLists"
AL_ITEM = f"{AL}/<sid:acl_sid>"
IP = f"{AL_ITEM}/IpAddresses"
IP_ITEM = f"{IP}/<sid:ip_sid>"


def register(api: Router) -> None:
    """Add the credential list, credential, IP ACL and ACL IP routes."""
    backend = api.backend

    @api.route(CL, ["GET"])
    def list_credential_lists(call: Call):
        """GET /SIP/CredentialLists with Page, PageSize."""
        return call.page(backend.list_credential_lists(call.account_sid, call.window()),
                         "credential_lists", "CredentialList")

    @api.route(CL, ["POST"])
    def create_credential_list(call: Call):
        """POST /SIP/CredentialLists with FriendlyName."""
        return call.one(backend.create_credential_list(call.account_sid,
                                                       call.params(LIST_PARAMS)),
                        "CredentialList")

    @api.route(CL_ITEM, ["GET"])
    def view_credential_list(call: Call, cl_sid: str):
        """GET /SIP/CredentialLists/{CLSid}."""
        return call.one(backend.view_credential_list(call.account_sid, cl_sid),
                        "CredentialList")

    @api.route(CL_ITEM, ["POST"])
    def update_credential_list(call: Call, cl_sid: str):
        """POST /SIP/CredentialLists/{CLSid} with FriendlyName."""
        return call.one(backend.update_credential_list(call.account_sid, cl_sid,
                                                       call.params(LIST_PARAMS)),
                        "CredentialList")

    @api.route(CL_ITEM, ["DELETE"])
    def delete_credential_list(call: Call, cl_sid: str):
        """DELETE /SIP/CredentialLists/{CLSid}: answers with the deleted list."""
        return call.one(backend.delete_credential_list(call.account_sid, cl_sid),
                        "CredentialList")

    @api.route(SC, ["GET"])
    def list_credentials(call: Call, cl_sid: str):
        """GET /SIP/CredentialLists/{CLSid}/Credentials with Page, PageSize."""
        return call.page(backend.list_credentials(call.account_sid, cl_sid, call.window()),
                         "credentials", "Credential")

    @api.route(SC, ["POST"])
    def create_credential(call: Call, cl_sid: str):
        """POST /SIP/CredentialLists/{CLSid}/Credentials with Username, Password."""
        return call.one(backend.create_credential(call.account_sid, cl_sid,
                                                  call.params(CREATE_PARAMS)), "Credential")

    @api.route(SC_ITEM, ["GET"])
    def view_credential(call: Call, cl_sid: str, credential_sid: str):
        """GET /SIP/CredentialLists/{CLSid}/Credentials/{CredentialSid}."""
        return call.one(backend.view_credential(call.account_sid, cl_sid, credential_sid),
                        "Credential")

    @api.route(SC_ITEM, ["POST"])
    def update_credential(call: Call, cl_sid: str, credential_sid: str):
        """POST /SIP/CredentialLists/{CLSid}/Credentials/{CredentialSid} with Password."""
        return call.one(backend.update_credential(call.account_sid, cl_sid, credential_sid,
                                                  call.params(UPDATE_PARAMS)), "Credential")

    @api.route(SC_ITEM, ["DELETE"])
    def delete_credential(call: Call, cl_sid: str, credential_sid: str):
        """DELETE /SIP/CredentialLists/{CLSid}/Credentials/{CredentialSid}."""
        return call.one(backend.delete_credential(call.account_sid, cl_sid, credential_sid),
                        "Credential")

    @api.route(AL, ["GET"])
    def list_ip_acls(call: Call):
        """GET /SIP/IpAccessControlLists with Page, PageSize."""
        return call.page(backend.list_ip_acls(call.account_sid, call.window()),
                         "ip_access_control", "IpAccessControlList")

    @api.route(AL, ["POST"])
    def create_ip_acl(call: Call):
        """POST /SIP/IpAccessControlLists with FriendlyName."""
        return call.one(backend.create_ip_acl(call.account_sid, call.params(ACL_PARAMS)),
                        "IpAccessControlList")

    @api.route(AL_ITEM, ["GET"])
    def view_ip_acl(call: Call, acl_sid: str):
        """GET /SIP/IpAccessControlLists/{AclSid}."""
        return call.one(backend.view_ip_acl(call.account_sid, acl_sid), "IpAccessControlList")

    @api.route(AL_ITEM, ["POST"])
    def update_ip_acl(call: Call, acl_sid: str):
        """POST /SIP/IpAccessControlLists/{AclSid} with FriendlyName."""
        return call.one(backend.update_ip_acl(call.account_sid, acl_sid,
                                              call.params(ACL_PARAMS)), "IpAccessControlList")

    @api.route(AL_ITEM, ["DELETE"])
    def delete_ip_acl(call: Call, acl_sid: str):
        """DELETE /SIP/IpAccessControlLists/{AclSid}: answers with the deleted list."""
        return call.one(backend.delete_ip_acl(call.account_sid, acl_sid),
                        "IpAccessControlList")

    @api.route(IP, ["GET"])
    def list_acl_ips(call: Call, acl_sid: str):
        """GET /SIP/IpAccessControlLists/{AclSid}/IpAddresses with Page, PageSize."""
        return call.page(backend.list_acl_ips(call.account_sid, acl_sid, call.window()),
                         "ip_addresses", "IpAddress")

    @api.route(IP, ["POST"])
    def add_acl_ip(call: Call, acl_sid: str):
        """POST /SIP/IpAccessControlLists/{AclSid}/IpAddresses with FriendlyName,
        IpAddress."""
        return call.one(backend.add_acl_ip(call.account_sid, acl_sid,
                                           call.params(ADDRESS_PARAMS)), "IpAddress")

    @api.route(IP_ITEM, ["GET"])
    def view_acl_ip(call: Call, acl_sid: str, ip_sid: str):
        """GET /SIP/IpAccessControlLists/{AclSid}/IpAddresses/{IpSid}."""
        return call.one(backend.view_acl_ip(call.account_sid, acl_sid, ip_sid), "IpAddress")

    @api.route(IP_ITEM, ["POST"])
    def update_acl_ip(call: Call, acl_sid: str, ip_sid: str):
        """POST /SIP/IpAccessControlLists/{AclSid}/IpAddresses/{IpSid} with FriendlyName,
        IpAddress."""
        return call.one(backend.update_acl_ip(call.account_sid, acl_sid, ip_sid,
                                              call.params(ADDRESS_PARAMS)), "IpAddress")

    @api.route(IP_ITEM, ["DELETE"])
    def delete_acl_ip(call: Call, acl_sid: str, ip_sid: str):
        """DELETE /SIP/IpAccessControlLists/{AclSid}/IpAddresses/{IpSid}."""
        return call.one(backend.delete_acl_ip(call.account_sid, acl_sid, ip_sid),
                        "IpAddress")
