# FindLibSVM.cmake: Debian ships neither a CMake config nor a pkg-config file
# for this library, so find the header and library and wrap them as an
# imported target, LibSVM::LibSVM.
find_path(LibSVM_INCLUDE_DIR svm.h PATH_SUFFIXES libsvm)
find_library(LibSVM_LIBRARY NAMES svm)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibSVM REQUIRED_VARS LibSVM_LIBRARY LibSVM_INCLUDE_DIR)
if(LibSVM_FOUND AND NOT TARGET LibSVM::LibSVM)
  add_library(LibSVM::LibSVM UNKNOWN IMPORTED)
  set_target_properties(LibSVM::LibSVM PROPERTIES
    IMPORTED_LOCATION "${LibSVM_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibSVM_INCLUDE_DIR}")
endif()
mark_as_advanced(LibSVM_INCLUDE_DIR LibSVM_LIBRARY)
