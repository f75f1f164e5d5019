"""SIP domain routes (seed 004, View/List/Create/Update/Delete Domain, List Mapped
Credentials Lists, Map Credentials List, Delete Mapped Credentials List, List Mapped IP ACLs,
Map IP ACL, Delete Mapped IP ACL), under ``/SIP/Domains``. Lists take ``Page`` and
``PageSize``; the mapping routes answer with the credential lists / IP ACLs themselves."""
from __future__ import annotations

from ..sip_domains import CREATE_PARAMS, UPDATE_PARAMS
from .api import Call, Router

ELEMENT = "Domain"
DOMAINS = "/SIP/Domains"
ITEM = f"{DOMAINS}/<sid:domain_sid>"
#: each mapping kind: its path, the body parameter, the list key and the XML element
KINDS = {"credential_lists": ("CredentialListMappings", "CredentialListSid",
                              "credential_lists", "CredentialList"),
         "ip_acls": ("IpAccessControlListMappings", "IpAccessControlListSid",
                     "ip_access_control", "IpAccessControlList")}


def register(api: Router) -> None:
    """Add the domain and mapping routes."""
    backend = api.backend

    @api.route(DOMAINS, ["GET"])
    def list_domains(call: Call):
        """GET /SIP/Domains with Page, PageSize."""
        return call.page(backend.list_domains(call.account_sid, call.window()), "domains",
                         ELEMENT)

    @api.route(DOMAINS, ["POST"])
    def create_domain(call: Call):
        """POST /SIP/Domains with DomainName and the other documented parameters."""
        return call.one(backend.create_domain(call.account_sid, call.params(CREATE_PARAMS)),
                        ELEMENT)

    @api.route(ITEM, ["GET"])
    def view_domain(call: Call, domain_sid: str):
        """GET /SIP/Domains/{DomainSid}."""
        return call.one(backend.view_domain(call.account_sid, domain_sid), ELEMENT)

    @api.route(ITEM, ["POST"])
    def update_domain(call: Call, domain_sid: str):
        """POST /SIP/Domains/{DomainSid} with the parameters to change."""
        return call.one(backend.update_domain(call.account_sid, domain_sid,
                                              call.params(UPDATE_PARAMS)), ELEMENT)

    @api.route(ITEM, ["DELETE"])
    def delete_domain(call: Call, domain_sid: str):
        """DELETE /SIP/Domains/{DomainSid}: answers with the deleted domain."""
        return call.one(backend.delete_domain(call.account_sid, domain_sid), ELEMENT)

    for kind in KINDS:
        _mapping_routes(api, kind)


def _mapping_routes(api: Router, kind: str) -> None:
    """List, map and unmap one kind of list on a domain."""
    backend = api.backend
    segment, param, list_key, element = KINDS[kind]
    mappings = f"{ITEM}/{segment}"

    @api.route(mappings, ["GET"])
    def list_mapped(call: Call, domain_sid: str):
        """GET /SIP/Domains/{DomainSid}/{Kind}Mappings with Page, PageSize."""
        return call.page(backend.list_mapped(call.account_sid, domain_sid, kind,
                                             call.window()), list_key, element)

    @api.route(mappings, ["POST"])
    def map_list(call: Call, domain_sid: str):
        """POST /SIP/Domains/{DomainSid}/{Kind}Mappings with the list's SID."""
        sid = call.params((param,)).get(param)
        return call.one(backend.map_list(call.account_sid, domain_sid, kind, sid), element)

    @api.route(f"{mappings}/<sid:list_sid>", ["DELETE"])
    def unmap_list(call: Call, domain_sid: str, list_sid: str):
        """DELETE /SIP/Domains/{DomainSid}/{Kind}Mappings/{ListSid}."""
        return call.one(backend.unmap_list(call.account_sid, domain_sid, kind, list_sid),
                        element)

    for view in (list_mapped, map_list, unmap_list):
        view.__name__ = f"{view.__name__}_{kind}"
