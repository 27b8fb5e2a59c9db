//! The two halves of the tiny loopback HTTP servers the tests run in place of outside
//! services (the price source, the update server): one request's head read, and a 200
//! answer written. One request per connection (`Connection: close`).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The head of one request (its request line and headers), read up to the blank line and
/// at most 8 KiB; `None` when the peer closes first.
pub async fn read_head(sock: &mut TcpStream) -> Option<String> {
    let mut buf = vec![0u8; 8192];
    let mut got = 0;
    while !buf[..got].windows(4).any(|w| w == b"\r\n\r\n") && got < buf.len() {
        match sock.read(&mut buf[got..]).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => got += n,
        }
    }
    Some(String::from_utf8_lossy(&buf[..got]).into_owned())
}

/// A 200 answer of `content_type` with `body`; the connection closes after it.
pub async fn reply_ok(sock: &mut TcpStream, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = sock.write_all(head.as_bytes()).await;
    let _ = sock.write_all(body).await;
}
