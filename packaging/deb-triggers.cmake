# deb-triggers.cmake - run by CPack after it has built the .deb
# (CPACK_POST_BUILD_SCRIPTS).  CPack's DEB generator calls ldconfig from
# postinst and postrm scripts for a package with a shared library; Debian
# asks for the ldconfig trigger instead (lintian: lacks-ldconfig-trigger,
# an error, and maintscript-calls-ldconfig).  This rebuilds the package with
# the trigger and without those scripts, which do nothing else.
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
  if(NOT deb MATCHES "\\.deb$")
    continue()
  endif()
  get_filename_component(dir "${deb}" DIRECTORY)
  set(root "${dir}/deb-triggers-root")
  file(REMOVE_RECURSE "${root}")
  execute_process(COMMAND dpkg-deb -R "${deb}" "${root}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -R ${deb} failed")
  endif()
  foreach(script postinst postrm)
    if(EXISTS "${root}/DEBIAN/${script}")
      file(STRINGS "${root}/DEBIAN/${script}" lines REGEX "^[^#]")
      if(NOT "${lines}" MATCHES "ldconfig")
        message(FATAL_ERROR "${script} does more than call ldconfig: keep it")
      endif()
      file(REMOVE "${root}/DEBIAN/${script}")
    endif()
  endforeach()
  file(WRITE "${root}/DEBIAN/triggers" "activate-noawait ldconfig\n")
  execute_process(COMMAND dpkg-deb --root-owner-group -b "${root}" "${deb}"
                  OUTPUT_QUIET RESULT_VARIABLE status)
  file(REMOVE_RECURSE "${root}")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -b ${deb} failed")
  endif()
endforeach()
