/**
 * @module
 * A minimal Protocol Buffers encoder: just the wire types that ONNX files use
 * (varint, 32-bit and length-delimited). No dependency, so the pipeline can
 * write ONNX without Python or a code generator.
 */

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const textEncoder = new TextEncoder();

/** Appends protobuf fields to a growable byte buffer. */
export class ProtoWriter {
  #bytes = new Uint8Array(256);
  #length = 0;

  /** Writes an unsigned or non-negative integer field (int32, int64, enum). */
  int(field: number, value: number | bigint): this {
    this.#tag(field, WIRE_VARINT);
    this.#varint(BigInt(value));
    return this;
  }

  /** Writes a 32-bit float field. */
  float(field: number, value: number): this {
    this.#tag(field, WIRE_FIXED32);
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    this.#append(new Uint8Array(view.buffer));
    return this;
  }

  /** Writes a UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  /** Writes a bytes field, or an embedded message already encoded. */
  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, WIRE_LENGTH_DELIMITED);
    this.#varint(BigInt(value.length));
    this.#append(value);
    return this;
  }

  /** Writes an embedded message built by `build` on a fresh writer. */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Returns the encoded bytes. */
  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  #tag(field: number, wireType: number): void {
    this.#varint(BigInt((field << 3) | wireType));
  }

  #varint(value: bigint): void {
    // Negative int64 values are encoded as their 64-bit two's complement.
    let remaining = BigInt.asUintN(64, value);
    const out: number[] = [];
    do {
      let byte = Number(remaining & 0x7fn);
      remaining >>= 7n;
      if (remaining > 0n) byte |= 0x80;
      out.push(byte);
    } while (remaining > 0n);
    this.#append(Uint8Array.from(out));
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(chunk, this.#length);
    this.#length = needed;
  }
}
