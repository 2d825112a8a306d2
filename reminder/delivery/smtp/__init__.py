"""SMTP delivery with aiosmtplib: reused connections, a shared rate limit, retries."""
