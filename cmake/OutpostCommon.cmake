# One INTERFACE target carries the settings every Outpost target compiles with.
add_library(outpost_compile_settings INTERFACE)
add_library(Outpost::CompileSettings ALIAS outpost_compile_settings)

target_compile_features(outpost_compile_settings INTERFACE cxx_std_20)
target_compile_definitions(outpost_compile_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    OUTPOST_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(outpost_compile_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wformat=2
        -Wimplicit-fallthrough)
    # Not -Wnull-dereference: at -O2 GCC 12 reports it inside Qt's QPointer/QWeakPointer templates.
    if(OUTPOST_WERROR)
        target_compile_options(outpost_compile_settings INTERFACE -Werror)
    endif()
    if(OUTPOST_SANITIZE)
        target_compile_options(outpost_compile_settings INTERFACE
            -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(outpost_compile_settings INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(outpost_compile_settings INTERFACE /W4 /permissive- /utf-8)
    if(OUTPOST_WERROR)
        target_compile_options(outpost_compile_settings INTERFACE /WX)
    endif()
endif()
