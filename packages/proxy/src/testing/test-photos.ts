/**
 * Small real images for the test directory: three 48×48 JPEG faces (made once by a browser's
 * canvas encoder, ICC profile removed) and solid-colour PNGs made here. Each person's JPEG gets a
 * comment segment naming them, so every photo's bytes (and ETag) differ.
 */
import { crc32, deflateSync } from 'node:zlib';

const FACES = [
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAwADADASIAAhEBAxEB/8QAGQABAAMBAQAAAAAAAAAAAAAAAAUGBwME/8QAJhAAAgIBBAEDBQEAAAAAAAAAAQIAAwQFESFhMgYSEzFRcYGxQf/EABcBAQEBAQAAAAAAAAAAAAAAAAQDAQX/xAAcEQACAgMBAQAAAAAAAAAAAAAAAgERAxMhElH/2gAMAwEAAhEDEQA/AI6IgcnYTtHJES06b6bp+FbM4szsN/jB2C9GNS9N0/C1mCWV1G/xk7huh3Jbluiupqsq0QeDsYlSQnXEda8ymx/FbFJ/AM5RMNNKBDAEEEHkEQSFBLEADkkymad6gysKpaXVbq14UNwQPtvGo+oMrNqalFWmtuGC8kj7bwmhroVuWiNy3WzLusTxaxiv4JnKIiwok3pGgPmVi/JZq6TyoHk3fQkTiVi7Lpqb6PYqn9maKAFACgADgASObJK8griSG7J4adH06ldlxK27ce7+xdo+nXKQ2JWvaD2/ye6IX030T5j4VDV9AfDrN+MxspHkD5L32JCTSiAwIYAg8EH/AGZ1l1inLuqX6JYyj9GKw5JbkhsqQvYP/9k=',
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAwADADASIAAhEBAxEB/8QAGgAAAQUBAAAAAAAAAAAAAAAAAAEDBQYHBP/EACUQAAICAQQBAwUAAAAAAAAAAAECAAMEBREhYTIGEhMxUXGBsf/EABgBAQEBAQEAAAAAAAAAAAAAAAMEBQAB/8QAHhEAAgICAgMAAAAAAAAAAAAAAAECEQMhEhMUMVH/2gAMAwEAAhEDEQA/AOGEIo5OwmYbwkJadO9N0/CtmcWZ2G/xg7BejDUvTdPwtZg+5XUb/GTuG6HcTrlVg98Loq0Ip4OxiQxgj2I615lNj+K2KT+AYzCcePZpQIYAggg8giBIUEkgAckmUzT9fycKpaXVbq14UHggfbeGoa/k5tTUoq01twwHJI+28o7VRF487ojst1sy7rE8WsYj8ExmEJOWrQSb0jQHzKxfks1dJ8QPJu+hIrErF2XTU30exVP7M0QAKAFAAHAAi44p7YGfI4aRw06Pp1K7Li1t24939hdo+nXLs2LWvaD2/wAndCNxXwj5y92VDV9AfDrN+MxspHkD5L32JCTSiAwIYAg8EGZ3l1inLuqX6JYyj9GDkiltFmDI5aZ//9k=',
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAwADADASIAAhEBAxEB/8QAGQABAAMBAQAAAAAAAAAAAAAAAAMFBgcE/8QAJhAAAgIBAwMEAwEAAAAAAAAAAQIAAwQFESESMmEGEzFRcYGx0f/EABkBAAIDAQAAAAAAAAAAAAAAAAAEAQIDBf/EAB0RAQACAgIDAAAAAAAAAAAAAAABEQIDEiETFFH/2gAMAwEAAhEDEQA/AIIiPk7CUcIiafTvTtXsrZnFmdhv0A7BfBjUfTtXstZg9Suo36Cdw3gQpt4M6tmIg8HYxBiSXFda8ul37VsUn8AyKIJh0YEEAg7g8giCQoJJAA5JMx+n69k4dQqZVurXhQeCB9bxqGvZOZUalVaa24YDkkfW8mzvsY1auynWzLudO1nYj8byKIkEpJdaToT5aC/JY10ntA7m8+BKrFrF2XTU3w7qp/ZnQQAoAAAA4AEIb6NcZdy8VOkafSuy4tbeXHV/Yu0jT7l2bFrXyg6f5PbEsb4Y/GT1bQnw0N+MxspHcD3L/olLOjEBgQwBB4IM59lVinLuqX4R2UfoyslN+uMe4f/Z',
].map((base64) => Buffer.from(base64, 'base64'));

/** A JPEG face for `id`: a COM segment after the JFIF header keeps it a valid JFIF file. */
export function jpegFor(id: string, variant: number): Buffer {
  const face = FACES[variant % FACES.length]!;
  const text = Buffer.from(`test photo of ${id}`, 'utf8');
  const comment = Buffer.alloc(4);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text.length + 2, 2);
  const afterJfif = 4 + face.readUInt16BE(4); // SOI, then APP0's marker and length-counted body
  return Buffer.concat([face.subarray(0, afterJfif), comment, text, face.subarray(afterJfif)]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

/** A 16×16 PNG of one colour (RGB). */
export function pngOf(red: number, green: number, blue: number): Buffer {
  const size = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: size }, () => [red, green, blue]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
