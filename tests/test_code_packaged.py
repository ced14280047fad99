"""Java, .NET and Ruby handlers: the package path each handler shape names."""

from __future__ import annotations

import pytest

from lambdalint.source.code.packaged import expected_file


@pytest.mark.parametrize(
    ("language", "handler", "path"),
    [
        ("java", "com.example.Handler::handleRequest", "com/example/Handler.class"),
        ("java", "com.example.Handler", "com/example/Handler.class"),  # RequestHandler class
        ("java", "Handler::handle", "Handler.class"),
        ("dotnet", "MyApp::MyApp.Function::Handler", "MyApp.dll"),
        ("dotnet", "MyApp", "MyApp.dll"),  # an executable assembly
        ("ruby", "app.handler", "app.rb"),
        ("ruby", "lib/app.handler", "lib/app.rb"),
        ("ruby", "function.Module::Class.method", "function.rb"),
        ("ruby", "nodot", None),
        ("java", "", None),
        ("python", "app.handler", None),
    ],
)
def test_expected_file(language: str, handler: str, path: str | None) -> None:
    assert expected_file(language, handler) == path
