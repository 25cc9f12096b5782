// Test environment: a private Samba Active Directory domain controller.
export { startSambaAd, AD_BASE_DN, AD_DOMAIN, AD_REALM, type SambaAdInstance } from './start-samba-ad.ts';
export { sambaAvailable, type SambaAvailability } from './samba-available.ts';
