# install.cmake - what `cmake --install` puts where, and the generated files
# that go with it (manual pages, pkg-config file, CMake package).  Included
# by CMakeLists.txt after the targets.
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
