package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

type status struct {
	Service string `json:"service"`
	Healthy bool   `json:"healthy"`
	Time    string `json:"time"`
}

func health(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(status{"pinger", true, time.Now().UTC().Format(time.RFC3339)})
}

func main() {
	host := os.Getenv("HOST")
	if host == "" {
		host = "127.0.0.1"
	}
	addr := host + ":" + os.Getenv("PORT")
	http.HandleFunc("/healthz", health)
	log.Printf("pinger listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
