# FindLibStemmer.cmake: Debian ships neither a CMake config nor a pkg-config file
# for this library, so find the header and library and wrap them as an
# imported target, LibStemmer::LibStemmer.
find_path(LibStemmer_INCLUDE_DIR libstemmer.h PATH_SUFFIXES )
find_library(LibStemmer_LIBRARY NAMES stemmer)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibStemmer REQUIRED_VARS LibStemmer_LIBRARY LibStemmer_INCLUDE_DIR)
if(LibStemmer_FOUND AND NOT TARGET LibStemmer::LibStemmer)
  add_library(LibStemmer::LibStemmer UNKNOWN IMPORTED)
  set_target_properties(LibStemmer::LibStemmer PROPERTIES
    IMPORTED_LOCATION "${LibStemmer_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibStemmer_INCLUDE_DIR}")
endif()
mark_as_advanced(LibStemmer_INCLUDE_DIR LibStemmer_LIBRARY)
