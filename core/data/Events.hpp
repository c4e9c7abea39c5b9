#pragma once
// Address-event streams and their two file formats.
//
// N-MNIST binary (Orchard et al. 2015, "Converting static image datasets to spiking
// neuromorphic datasets using saccades"): a flat sequence of 5-byte (40-bit) events, big-endian:
//   byte 0     : x (8 bits)
//   byte 1     : y (8 bits)
//   byte 2     : bit 7 = polarity (1 = ON), bits 6..0 = timestamp bits 22..16
//   bytes 3..4 : timestamp bits 15..0      (timestamp in microseconds, 23 bits, no wrap-around)
// A size that is not a multiple of 5 is an InputError ("truncated").
//
// Event CSV: one event per line, `t,x,y,polarity` (t in microseconds, a non-negative number; x,
// y non-negative integers < 65536; polarity 1 = ON, 0 or -1 = OFF). An optional first line that
// does not start with a digit is a header. Blank lines and spaces around fields are allowed;
// anything else is an InputError naming the file and line.
//
//   parseNmnistEvents / parseCsvEvents : from bytes (the fuzzed entry points)
//   readNmnistEvents / readCsvEvents   : from a path (gzip-compressed files accepted)
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sqsnn {

struct Event
{
    double tUs = 0.0;      // timestamp, microseconds
    std::uint16_t x = 0, y = 0;
    bool on = false;       // polarity: true = ON (brighter), false = OFF
};

std::vector<Event> parseNmnistEvents(std::span<const std::uint8_t> bytes, const std::string &name);
std::vector<Event> parseCsvEvents(std::span<const std::uint8_t> bytes, const std::string &name);

std::vector<Event> readNmnistEvents(const std::string &path);
std::vector<Event> readCsvEvents(const std::string &path);

// Encodes events in the N-MNIST binary format (x, y < 256; t < 2^23 us): for tests and export.
std::vector<std::uint8_t> writeNmnistEvents(const std::vector<Event> &events);

} // namespace sqsnn
