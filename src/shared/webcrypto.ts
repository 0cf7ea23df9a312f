/**
 * @module
 * WebCrypto algorithm parameter shapes. The Workers and DOM type libraries
 * name them differently (`SubtleCryptoEncryptAlgorithm` versus `AesGcmParams`),
 * so code shared by the Worker and the pipeline checks against these.
 */

export interface AesGcmParameters {
  name: "AES-GCM";
  iv: Uint8Array<ArrayBuffer>;
  additionalData: Uint8Array<ArrayBuffer>;
  tagLength: 128;
}

export interface HkdfParameters {
  name: "HKDF";
  hash: "SHA-256";
  salt: Uint8Array<ArrayBuffer>;
  info: Uint8Array<ArrayBuffer>;
}

export interface HmacImportParameters {
  name: "HMAC";
  hash: "SHA-256";
}
