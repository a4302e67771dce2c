# install.cmake - what `cmake --install` puts where, the generated files
# that go with it (manual pages, pkg-config file, CMake package), and the
# Debian package (CPack DEB, scripts/package.sh).  Included by
# CMakeLists.txt after the targets.
include(CMakePackageConfigHelpers)

# The manual pages, written from the --help texts by packaging/man-pages.sh
# (one page per command of `themes --help`; tests/man_test.sh checks that
# each command has its page and each option its entry).
set(THEMES_COMMANDS train classify eval segment inspect)
set(man_pages ${CMAKE_BINARY_DIR}/man/themes.1.gz)
foreach(command ${THEMES_COMMANDS})
  list(APPEND man_pages ${CMAKE_BINARY_DIR}/man/themes-${command}.1.gz)
endforeach()
add_custom_command(OUTPUT ${man_pages}
  COMMAND sh ${CMAKE_SOURCE_DIR}/packaging/man-pages.sh $<TARGET_FILE:themes_cli> ${CMAKE_BINARY_DIR}/man
  DEPENDS themes_cli ${CMAKE_SOURCE_DIR}/packaging/man-pages.sh
  COMMENT "Writing the manual pages from the --help texts")
add_custom_target(man_pages ALL DEPENDS ${man_pages})

install(TARGETS themes_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS themes_shared themes_lib EXPORT themes-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_SOURCE_DIR}/pipeline/themes.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/themes.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME themes)
# Each default model is installed when it exists.
install(FILES ${THEMES_DEFAULT_MODELS} DESTINATION ${CMAKE_INSTALL_DATADIR}/themes OPTIONAL)

# find_package(themes): themes::themes and themes::themes_static.
set(cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/themes)
install(EXPORT themes-targets NAMESPACE themes:: DESTINATION ${cmake_dir})
configure_package_config_file(${CMAKE_SOURCE_DIR}/packaging/themes-config.cmake.in
  ${CMAKE_BINARY_DIR}/packaging/themes-config.cmake INSTALL_DESTINATION ${cmake_dir})
# 0.x: a new minor version may change the interface.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/packaging/themes-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/packaging/themes-config.cmake
  ${CMAKE_BINARY_DIR}/packaging/themes-config-version.cmake DESTINATION ${cmake_dir})

# themes.pc names the prefix it is installed under, which is only known at
# install time (cmake --install --prefix, or CPack's /usr).
install(CODE "
  set(themes_prefix \"\${CMAKE_INSTALL_PREFIX}\")
  set(themes_libdir \"${CMAKE_INSTALL_LIBDIR}\")
  set(themes_includedir \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(themes_version \"${PROJECT_VERSION}\")
  set(themes_openmp \"${OpenMP_C_FLAGS}\")
  configure_file(\"${CMAKE_SOURCE_DIR}/packaging/themes.pc.in\"
                 \"${CMAKE_BINARY_DIR}/packaging/themes.pc\" @ONLY)
  file(INSTALL \"${CMAKE_BINARY_DIR}/packaging/themes.pc\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")")

# The Python package, and where it finds libthemes.so from where it is
# installed (a relative path, so the prefix can move).
file(RELATIVE_PATH python_to_library "/prefix/${THEMES_PYTHON_DIR}/themes"
     "/prefix/${CMAKE_INSTALL_LIBDIR}")
string(REGEX REPLACE "/$" "" python_to_library "${python_to_library}")
file(WRITE ${CMAKE_BINARY_DIR}/packaging/_installed.py
  "# Written by CMake (packaging/install.cmake): where libthemes.so.${THEMES_SOVERSION}\n# is once installed, relative to this folder.\n"
  "LIBRARY = \"${python_to_library}/libthemes.so.${THEMES_SOVERSION}\"\n")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/python/themes DESTINATION ${THEMES_PYTHON_DIR}
  FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)
install(FILES ${CMAKE_BINARY_DIR}/packaging/_installed.py DESTINATION ${THEMES_PYTHON_DIR}/themes)

# The documentation Debian requires of a package (a native one: its
# version has no Debian revision, so the changelog is changelog.gz).
if(THEMES_DEBIAN)
  set(changelog ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
  add_custom_command(OUTPUT ${changelog}
    COMMAND gzip -9nc ${CMAKE_SOURCE_DIR}/packaging/changelog > ${changelog}
    DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog)
  add_custom_target(debian_changelog ALL DEPENDS ${changelog})
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/copyright ${changelog}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/themes)
endif()

# The Debian package: everything above, with Depends worked out by
# dpkg-shlibdeps from the libraries the program and libthemes.so link.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME themes)
set(CPACK_PACKAGE_VENDOR "themes")
set(CPACK_PACKAGE_CONTACT "themes maintainers <themes@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "classify clauses of diplomatic statements into themes")
set(CPACK_PACKAGE_DESCRIPTION_FILE ${CMAKE_SOURCE_DIR}/packaging/description)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Run the install with DESTDIR, so that CMAKE_INSTALL_PREFIX is /usr then
# (themes.pc names it).
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# poppler-glib is opened with dlopen (pipeline/pdf_library.c), which
# dpkg-shlibdeps cannot see: its package is named here.
execute_process(COMMAND dpkg-query -S "*/${THEMES_POPPLER_GLIB_SONAME}"
  OUTPUT_VARIABLE poppler_owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[^:,]+" poppler_package "${poppler_owner}")
if(NOT poppler_package)
  # Debian's name for a library package: lib<name><major>
  string(REGEX REPLACE "^(lib.*)\\.so\\.([0-9]+)$" "\\1\\2" poppler_package
    "${THEMES_POPPLER_GLIB_SONAME}")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${poppler_package}")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3, python3-numpy")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/packaging/prerm)
set(CPACK_POST_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/packaging/deb-triggers.cmake)
include(CPack)
