// Expression texts of the out-of-box rules. They are kept byte for byte as the product ships them
// (spacing included), so a rule set exported from an Entra Connect server compares equal.

/** Users and inetOrgPersons that must never reach Entra ID (§4.1): critical objects, service and system accounts, conflicts. */
export const USER_CLOUD_FILTERED = String.raw`IIF(IsPresent([isCriticalSystemObject]) || IsPresent([sAMAccountName]) = False || [sAMAccountName] = "SUPPORT_388945a0" || Left([mailNickname], 14) = "SystemMailbox{" || Left([sAMAccountName], 4) = "AAD_" || (Left([mailNickname], 4) = "CAS_" && (InStr([mailNickname], "}") > 0)) || (Left([sAMAccountName], 4) = "CAS_" && (InStr([sAMAccountName], "}") > 0)) || Left([sAMAccountName], 5) = "MSOL_" || CBool(IIF(IsPresent([msExchRecipientTypeDetails]),BitAnd([msExchRecipientTypeDetails],&H21C07000) > 0,NULL)) || CBool(InStr(DNComponent(CRef([dn]),1),"\\0ACNF:")>0), True, NULL)`;

/** Groups that must never reach Entra ID: critical groups, the rich-coexistence group, Exchange role groups, conflicts. */
export const GROUP_CLOUD_FILTERED = String.raw`IIF(IsPresent([isCriticalSystemObject]) || [sAMAccountName] = "MSOL_AD_Sync_RichCoexistence" || CBool(IIF(IsPresent([msExchRecipientTypeDetails]),BitAnd([msExchRecipientTypeDetails],&H40000000) > 0,NULL))  || CBool(InStr(DNComponent(CRef([dn]),1),"\\0ACNF:")>0), True, NULL)`;

/** Contacts that must never reach Entra ID: critical objects, hidden (MSOL) contacts, CAS system mailboxes, conflicts. */
export const CONTACT_CLOUD_FILTERED = String.raw`IIF(IsPresent([isCriticalSystemObject]) || ( (InStr([displayName], "(MSOL)") > 0) && (CBool([msExchHideFromAddressLists]))) || (Left([mailNickname], 4) = "CAS_" && (InStr([mailNickname], "}") > 0)) || CBool(InStr(DNComponent(CRef([dn]),1),"\\0ACNF:")>0), True, NULL)`;

/** Mail-enabled test of contacts and groups: an SMTP proxy address with @, or a mail value with @ (Q5). */
export const MAIL_ENABLED = `IIF(( (IsPresent([proxyAddresses]) = True) && (Contains([proxyAddresses], "SMTP:") > 0) && (InStr(Item([proxyAddresses], Contains([proxyAddresses], "SMTP:")), "@") > 0)) ||  (IsPresent([mail]) = True && (InStr([mail], "@") > 0)), True, False)`;

export const OBJECT_SID_STRING = 'StringFromSid([objectSid])';
export const PWD_LAST_SET = 'IIF(IsPresent([pwdLastSet]),CStr(FormatDateTime(DateFromNum([pwdLastSet]),"yyyyMMddHHmmss.0Z")),NULL)';
export const USER_PRINCIPAL_NAME = 'IIF(IsPresent([userPrincipalName]),[userPrincipalName], IIF(IsPresent([sAMAccountName]),([sAMAccountName]&"@"&%Domain.FQDN%),Error("AccountName is not present")))';
export const ACCOUNT_ENABLED = 'IIF(BitAnd([userAccountControl],2)=0,True,False)';
export const DESCRIPTION = 'IIF(IsNullOrEmpty([description]),NULL,Left(Trim(Item([description],1)),448))';
export const DISPLAY_NAME = 'IIF(IsNullOrEmpty([displayName]),[cn],[displayName])';
export const INFO = 'Left(Trim([info]),448)';
export const POST_OFFICE_BOX = 'IIF(IsNullOrEmpty([postOfficeBox]),NULL,Left(Trim(Item([postOfficeBox],1)),448))';
export const URL = 'IIF(IsNullOrEmpty([url]),NULL,Left(Trim(Item([url],1)),448))';
/** Only addresses confirmed by an import flow back, so cloud write-back does not loop (§3.4). */
export const PROXY_ADDRESSES = 'RemoveDuplicates(Trim(ImportedValue("proxyAddresses")))';
/** Linked mailboxes (recipient type 2) are not users in Entra ID. */
export const USER_SOURCE_OBJECT_TYPE = 'IIF(IsPresent([msExchRecipientTypeDetails]), IIF([msExchRecipientTypeDetails]=2, NULL, "User"), "User")';
export const MEMBER_COUNT = 'ValueCount("member")';
export const SECURITY_ENABLED = 'CBool(BitAnd([groupType],-2147483648))';
export const GUID_BASE64 = 'ConvertToBase64([objectGUID])';
export const CONTACT_LEGACY_EXCHANGE_DN = 'IIF(IsPresent([legacyExchangeDN]), [legacyExchangeDN], NULL)';
export const CONTACT_MAIL_NICKNAME = 'IIF(IsPresent([mailNickname]), [mailNickname], [cn])';
export const CLOUD_SOURCE_ANCHOR = 'ImportedValue("sourceAnchor")';
export const ENTRA_DN = '"CN={" & ConvertToUTF8Hex([sourceAnchor]) & "}"';
/** Once Entra ID accepted a sourceAnchor, a different value is an error instead of a new identity (§4.6). */
export const PERSON_SOURCE_ANCHOR_GUARD = 'IIF(IsPresent([cloudSourceAnchor]), IIF(Word([cloudAnchor],1,"_")=[sourceObjectType],IIF([cloudSourceAnchor] = [sourceAnchor],[sourceAnchor],Error("SourceAnchor attribute has changed.")),[sourceAnchor]),[sourceAnchor])';
export const GROUP_SOURCE_ANCHOR_GUARD = 'IIF(IsPresent([cloudSourceAnchor]),IIF([cloudSourceAnchor] = [sourceAnchor],[sourceAnchor],Error("SourceAnchor attribute has changed.")),[sourceAnchor])';
export const USAGE_LOCATION = 'IIF(IsNullOrEmpty([usageLocation]),IgnoreThisFlow,[usageLocation])';
export const COUNTRY_CODE = 'IIF(IsNullOrEmpty([countryCode]),IgnoreThisFlow,[countryCode])';
export const CLOUD_SOA_EXCH_MAILBOX = 'CBool(IIF(IsNullOrEmpty([cloudMSExchRecipientDisplayType]),NULL,BitAnd([cloudMSExchRecipientDisplayType],&HFF) = 0))';
export const X500_PROXY = 'IIF(IsNullOrEmpty([cloudLegacyExchangeDN]),NULL,"x500:" & [cloudLegacyExchangeDN])';
export const USER_HOLD_POLICIES = 'IIF(IsNullOrEmpty([cloudMSExchUserHoldPolicies]),IgnoreThisFlow,[cloudMSExchUserHoldPolicies])';
export const DEVICE_CLOUD_FILTERED = 'IIF(IsNullOrEmpty([userCertificate]),True,NULL)';
/** Windows Hello for Business key, rebuilt from the searchable key (uses the undocumented CBin and Thumbprint). */
export const NGC_DEVICE_KEY = 'IIF(IsNull([searchableDeviceKey]), NULL, IIF(CNum(Mid([searchableDeviceKey],1,1))=0, Mid([searchableDeviceKey],1,7+CNum(Mid([searchableDeviceKey],5,2))) & CBin(Len(Thumbprint(Mid([searchableDeviceKey],8+CNum(Mid([searchableDeviceKey],5,2)),Len([searchableDeviceKey])))),2) & CBin(2,1) & Thumbprint(Mid([searchableDeviceKey],8+CNum(Mid([searchableDeviceKey],5,2)),Len([searchableDeviceKey]))) & Mid([searchableDeviceKey],8+CNum(Mid([searchableDeviceKey],5,2)),Len([searchableDeviceKey])), NULL))';

/** Hybrid Exchange write-back of a cloud value, only while the mailbox lives in the cloud. */
export function cloudMailboxValue(cloudAttribute: string): string {
  return `IIF([cloudSOAExchMailbox] = True,[${cloudAttribute}],IgnoreThisFlow)`;
}

/** Raises an error once a group outgrows the member limit (the scope keeps already-synced groups, §4.1). */
export function memberLimitGuard(limit: number): string {
  return `IIF(([memberCount]> ${limit}),Error("Maximum Group member count exceeded"),IgnoreThisFlow)`;
}

/** A GUID-like value as sourceAnchor text: strings as they are, binaries Base64-encoded. */
function anchorText(attribute: string): string {
  return `IIF(IsString([${attribute}]),CStr([${attribute}]),ConvertToBase64([${attribute}]))`;
}

/** The user sourceAnchor: NULL for linked mailboxes; ms-DS-ConsistencyGuid when chosen and present, else objectGUID (§4.6). */
export function userSourceAnchor(anchor: 'objectGUID' | 'ms-DS-ConsistencyGuid'): string {
  const value = anchor === 'objectGUID' ? anchorText('objectGUID') : `IIF(IsPresent([mS-DS-ConsistencyGuid]),${anchorText('mS-DS-ConsistencyGuid')},${anchorText('objectGUID')})`;
  return `IIF(IsPresent([msExchRecipientTypeDetails]),IIF([msExchRecipientTypeDetails]=2,NULL,${value}),${value})`;
}

/** The binary form of the user sourceAnchor, the join key of the "users are represented once" matching. */
export function userSourceAnchorBinary(anchor: 'objectGUID' | 'ms-DS-ConsistencyGuid'): string {
  return anchor === 'objectGUID' ? '[objectGUID]' : 'IIF(IsPresent([mS-DS-ConsistencyGuid]),[mS-DS-ConsistencyGuid],[objectGUID])';
}
