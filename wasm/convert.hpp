// Type adapters between the core's C++ types and JS values. No logic lives here.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <string>

namespace ap::wasm {

/// A JS Error to be *returned* (not thrown): exceptions crossing wasm→JS leak in Emscripten 3.1.6.
inline emscripten::val make_error(const std::string& message) {
  return emscripten::val::global("Error").new_(message);
}

/// "" → undefined, anything else → Error(message).
inline emscripten::val status_to_val(const std::string& message) {
  return message.empty() ? emscripten::val::undefined() : make_error(message);
}

template <class T>
inline T* as_ptr(std::uintptr_t p) {
  return reinterpret_cast<T*>(p);
}

}  // namespace ap::wasm
