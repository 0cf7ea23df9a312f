/**
 * @module
 * Encodes ONNX models (onnx.proto3, IR version 8) from plain descriptions of
 * nodes, initializers and graph inputs/outputs. Field numbers come from
 * onnx/onnx.proto in the ONNX repository.
 */
import { ProtoWriter } from "./protobuf.ts";

/** ONNX IR version 8 is read by every onnxruntime release since 1.10. */
const IR_VERSION = 8;
/** Default-domain opset; attributes such as ReduceSumSquare's `axes` follow opset 17. */
export const OPSET_VERSION = 17;

/** TensorProto.DataType values used by this project. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** A constant tensor stored in the graph. */
export interface Initializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** An attribute value: int, float, ints or a tensor. */
export type AttributeValue =
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "ints"; value: number[] }
  | { kind: "tensor"; value: Initializer };

/** One operator in the graph. */
export interface GraphNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

/** A graph input or output; a string dimension is symbolic (for example a batch size). */
export interface ValueInfo {
  name: string;
  elemType: DataType;
  shape: Array<number | string>;
}

/** A whole model: one graph plus its metadata. */
export interface ModelDescription {
  graphName: string;
  producerVersion: string;
  nodes: GraphNode[];
  initializers: Initializer[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  metadata?: Record<string, string>;
}

// AttributeProto.AttributeType values.
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_TENSOR = 4;
const ATTRIBUTE_INTS = 7;

function writeTensor(writer: ProtoWriter, tensor: Initializer): void {
  for (const dim of tensor.dims) writer.int(1, dim);
  const isFloat = tensor.data instanceof Float32Array;
  writer.int(2, isFloat ? DataType.FLOAT : DataType.INT64);
  writer.string(8, tensor.name);
  // raw_data is little-endian, which is the byte order of typed arrays on every supported platform.
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  writer.bytes(9, raw);
}

function writeAttribute(writer: ProtoWriter, name: string, attribute: AttributeValue): void {
  writer.string(1, name);
  switch (attribute.kind) {
    case "float":
      writer.float(2, attribute.value).int(20, ATTRIBUTE_FLOAT);
      break;
    case "int":
      writer.int(3, attribute.value).int(20, ATTRIBUTE_INT);
      break;
    case "tensor":
      writer.message(5, (inner) => writeTensor(inner, attribute.value)).int(20, ATTRIBUTE_TENSOR);
      break;
    case "ints":
      for (const value of attribute.value) writer.int(8, value);
      writer.int(20, ATTRIBUTE_INTS);
      break;
  }
}

function writeNode(writer: ProtoWriter, node: GraphNode, index: number): void {
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, `${node.opType}_${index}`);
  writer.string(4, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes ?? {})) {
    writer.message(5, (inner) => writeAttribute(inner, name, attribute));
  }
}

function writeValueInfo(writer: ProtoWriter, info: ValueInfo): void {
  writer.string(1, info.name);
  writer.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, info.elemType);
      tensorType.message(2, (shape) => {
        for (const dim of info.shape) {
          shape.message(1, (dimension) =>
            typeof dim === "number" ? dimension.int(1, dim) : dimension.string(2, dim),
          );
        }
      });
    }),
  );
}

/** Encodes `model` as the bytes of an `.onnx` file. */
export function encodeModel(model: ModelDescription): Uint8Array {
  const writer = new ProtoWriter();
  writer.int(1, IR_VERSION);
  writer.string(2, "edge-recommender");
  writer.string(3, model.producerVersion);
  writer.message(7, (graph) => {
    model.nodes.forEach((node, index) => graph.message(1, (inner) => writeNode(inner, node, index)));
    graph.string(2, model.graphName);
    for (const tensor of model.initializers) graph.message(5, (inner) => writeTensor(inner, tensor));
    for (const input of model.inputs) graph.message(11, (inner) => writeValueInfo(inner, input));
    for (const output of model.outputs) graph.message(12, (inner) => writeValueInfo(inner, output));
  });
  writer.message(8, (opset) => opset.string(1, "").int(2, OPSET_VERSION));
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    writer.message(14, (entry) => entry.string(1, key).string(2, value));
  }
  return writer.finish();
}
