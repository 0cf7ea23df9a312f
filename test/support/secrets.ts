/** Test-only master secrets (base64 of 32 fixed bytes); never used outside the tests. */
export const TEST_MASTER_KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i + 1)));
export const OTHER_MASTER_KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => 200 - i)));
