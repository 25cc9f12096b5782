// A small slapd schema with Active Directory's attribute names and syntaxes (objectGUID, objectSid as bytes,
// sAMAccountName, userAccountControl, …), so AD-flavour code paths can run against slapd where Samba cannot.
// Unlike AD, slapd does not generate objectGUID: tests supply it.

const ARC = '1.3.6.1.4.1.4203.666.11.99'; // OpenLDAP's experimental arc

/** slapd.conf schema text for AD-like users and groups. */
export const AD_LIKE_SCHEMA = `
attributetype ( ${ARC}.1.1 NAME 'objectGUID' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
attributetype ( ${ARC}.1.2 NAME 'objectSid' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )
attributetype ( ${ARC}.1.3 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( ${ARC}.1.4 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( ${ARC}.1.5 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( ${ARC}.2.1 NAME 'user' SUP inetOrgPerson STRUCTURAL MAY ( objectGUID $ objectSid $ sAMAccountName $ userAccountControl $ userPrincipalName ) )
objectclass ( ${ARC}.2.2 NAME 'group' SUP groupOfNames STRUCTURAL MAY ( objectGUID $ objectSid $ sAMAccountName ) )
`;
