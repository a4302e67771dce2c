# FindLibLinear.cmake: Debian's liblinear-dev ships neither a CMake config
# nor a pkg-config file, so find the header and library and wrap them as an
# imported target, LibLinear::LibLinear.
find_path(LibLinear_INCLUDE_DIR linear.h PATH_SUFFIXES liblinear)
find_library(LibLinear_LIBRARY NAMES linear)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibLinear REQUIRED_VARS LibLinear_LIBRARY LibLinear_INCLUDE_DIR)
if(LibLinear_FOUND AND NOT TARGET LibLinear::LibLinear)
  add_library(LibLinear::LibLinear UNKNOWN IMPORTED)
  set_target_properties(LibLinear::LibLinear PROPERTIES
    IMPORTED_LOCATION "${LibLinear_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibLinear_INCLUDE_DIR}")
endif()
mark_as_advanced(LibLinear_INCLUDE_DIR LibLinear_LIBRARY)
