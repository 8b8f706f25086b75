# syntax=docker/dockerfile:1.7
#  Escape = `
# check=skip=JSONArgsRecommended
# a plain comment ends the directives
# escape=\
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN powershell -Command `
    Write-Host hello; `
    Write-Host world
COPY C:\app\ C:\dest\
