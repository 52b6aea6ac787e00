import { describe, expect, it } from 'vitest';
import {
  decodeOutputFrame,
  encodeOutputFrame,
  parseClientMessage,
} from '../../../src/shared/wire-codec';

describe('wire codec', () => {
  it('round-trips output chunks of several sessions, bytes untouched', () => {
    const split = new Uint8Array([0xf0, 0x9f, 0x98]); // first 3 bytes of a 4-byte emoji
    const chunks = [
      { sessionId: 'a/1', data: split },
      { sessionId: 'ü/2', data: new Uint8Array([0x80, 0x00, 0xff]) },
      { sessionId: 'empty', data: new Uint8Array() },
    ];
    const decoded = decodeOutputFrame(encodeOutputFrame(chunks));
    expect(decoded.map((c) => [c.sessionId, [...c.data]])).toEqual(
      chunks.map((c) => [c.sessionId, [...c.data]]),
    );
  });

  it('refuses frames that are not ours or are cut short', () => {
    expect(() => decodeOutputFrame(new Uint8Array([2, 0, 0]))).toThrow('Not an output frame');
    const frame = encodeOutputFrame([{ sessionId: 's', data: new Uint8Array(10) }]);
    expect(() => decodeOutputFrame(frame.subarray(0, frame.length - 1))).toThrow('Truncated');
  });

  it('parses only well-formed client messages', () => {
    expect(parseClientMessage('{"t":"req","id":1,"method":"app.info","params":{}}')).toEqual({
      t: 'req',
      id: 1,
      method: 'app.info',
      params: {},
    });
    expect(parseClientMessage('{"t":"note","name":"terminal.ack","params":{}}')?.t).toBe('note');
    expect(parseClientMessage('not json')).toBeNull();
    expect(parseClientMessage('{"t":"req","id":"1","method":"x"}')).toBeNull();
    expect(parseClientMessage('null')).toBeNull();
  });
});
